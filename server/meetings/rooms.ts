/** Socket.IO rooms of meetings: every signed-in socket hears of meeting changes; a live room per meeting. */
export const meetingRooms = {
  all: 'meetings',
  room: (id: string) => `meeting:${id}`,
};
